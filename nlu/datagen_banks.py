"""Phrase banks for nlu/datagen.py: per department, what citizens say, in three forms.

Written by hand for this project from the department table of BRIEF.md; never from any
evaluation file. One line = one complaint core; `{p}` is a place, `{n}` a number.
"""

def _lines(block: str) -> list[str]:
    return [line.strip() for line in block.strip().splitlines() if line.strip()]


CORES = {
"energy": dict(
hi=_lines("""
{p} में कल रात से लाइट नहीं है, पूरा मोहल्ला अंधेरे में बैठा है
ट्रांसफार्मर का फ्यूज उड़ गया है और {n} दिन से कोई ठीक करने नहीं आया
इस बार बिल {n}00 रुपये आया है जबकि घर में बस एक पंखा चलता है
मीटर वाले बाबू रीडिंग लेने आते ही नहीं, अंदाजे से बिल भेज देते हैं
खंभे का तार ढीला होकर आंगन में लटक रहा है, बच्चे डरते हैं
नया कनेक्शन लेने के लिए फाइल जमा की थी, जेई साहब रोज कल आना कहते हैं
वोल्टेज इतना कम है कि बल्ब टिमटिमाता रहता है, मोटर नहीं चलती
रात भर में दस बार करंट जाता है, बच्चों की परीक्षा है
बिल भरने के बाद भी कनेक्शन काट दिया, अब रसीद दिखाओ तो सुनते नहीं
गाँव की लाइन पर पेड़ गिरा है, सप्लाई बंद है
"""),
en=_lines("""
no power in {p} since last night, whole colony in darkness
the transformer fuse blew {n} days ago and nobody from UPCL has come
got a bill of Rs {n}00 for a small flat, this is clearly a wrong reading
meter reader never visits, they send average bills every month
a sagging wire from the pole is touching the tin roof, it is dangerous
applied for a new domestic connection two months back, file still pending with the JE
very low voltage every evening, fans barely move and the fridge stopped
frequent tripping, the supply goes off ten times a night
they disconnected my supply even though I paid online, have the receipt
a tree has fallen on the HT line near {p} and there is no supply since morning
"""),
hinglish=_lines("""
{p} me kal raat se light nahi hai pura mohalla andhere me
transformer ka fuse ud gaya {n} din ho gaye koi nahi aaya
is baar bill {n}00 aaya hai jabki ghar me ek pankha chalta hai
meter reading wala aata hi nahi andaaze se bill bhej dete h
pole ka taar dheela hoke aangan me latak raha hai
naya connection ki file jama ki thi je sahab roz kal aana bolte hai
voltage itna kam hai ki bulb timtimata rehta hai motor nahi chalti
raat bhar me 10 baar current jaata hai bacchon ke exam hai
bill bharne ke baad bhi connection kaat diya
gaon ki line pe ped gir gaya supply band hai
""")),
"drinking_water": dict(
hi=_lines("""
{p} में {n} दिन से नल में एक बूंद पानी नहीं आया
नल से मटमैला और बदबूदार पानी आ रहा है, बच्चे बीमार पड़ रहे हैं
मुख्य लाइन फटी हुई है, सारा पानी सड़क पर बह रहा है और घरों तक नहीं पहुंचता
गाँव का हैंडपंप महीने भर से खराब पड़ा है, दूर से पानी ढोना पड़ता है
जल जीवन मिशन का नल तो लगा दिया पर उसमें आज तक पानी नहीं आया
टंकी की सफाई सालों से नहीं हुई, पानी में कीड़े दिखते हैं
पानी का बिल भर दिया फिर भी कनेक्शन बंद कर दिया गया
गर्मी में टैंकर भी नहीं भेजा जा रहा, लोग प्यासे हैं
स्रोत से आने वाली पाइप बंदरों ने तोड़ दी है, जल संस्थान वाले सुनते नहीं
पानी सिर्फ आधा घंटा आता है वो भी सुबह चार बजे
"""),
en=_lines("""
not a single drop in the taps of {p} for {n} days
muddy smelly water coming from the supply, kids falling sick
main pipeline burst, all the water is flowing on the street and not reaching homes
the village hand pump has been broken for a month, women carry water from far
Har Ghar Jal tap installed but it has never given water
the overhead tank has not been cleaned in years, we see worms in the water
paid the water bill but Jal Sansthan disconnected our line
no tanker sent even in this heat, people are thirsty
the supply pipe from the spring is broken, Jal Sansthan staff not responding
water comes only for half an hour at 4 am
"""),
hinglish=_lines("""
{p} me {n} din se nal me ek boond pani nahi aaya
nal se ganda matmaila paani aa raha hai bacche bimar ho rahe
main line fat gayi hai sara pani road pe beh raha ghar tak nahi aata
gaon ka handpump mahine bhar se kharab pada hai
jal jeevan mission ka nal laga diya par usme aaj tak pani nahi aaya
tanki ki safai saalon se nahi hui paani me keede hai
paani ka bill bhar diya fir bhi connection band kar diya
garmi me tanker bhi nahi bhej rahe log pyase hai
srot se aane wala pipe toot gaya jal sansthan wale sunte nahi
pani sirf aadha ghanta aata h wo bhi subah 4 baje
""")),
"public_works": dict(
hi=_lines("""
{p} से गाँव तक की सड़क में इतने गड्ढे हैं कि गाड़ी चलाना मुश्किल है
बरसात में पहाड़ी से मलबा गिरा और सड़क {n} दिन से बंद है
पुलिया टूट गई है, बच्चे नदी पार करके स्कूल जाते हैं
सड़क पर डामर डाले सिर्फ छह महीने हुए और सब उखड़ गया
मोटर मार्ग की स्वीकृति हुए तीन साल हो गए काम शुरू नहीं हुआ
लोक निर्माण विभाग ने सड़क खोदकर छोड़ दी है, धूल ही धूल है
पुल की रेलिंग टूटी है, कभी भी कोई गिर सकता है
नाली न होने से सड़क पर पानी भरता है और सड़क धंस रही है
पैदल पुल बह गया है, दूसरी तरफ जाने का रास्ता नहीं
सड़क चौड़ीकरण का मलबा हमारे खेतों में डाल दिया
"""),
en=_lines("""
the road from {p} to our village is full of potholes, vehicles get damaged
landslide debris has blocked the motor road for {n} days
the culvert collapsed and children cross the stream to reach school
the road was tarred only six months ago and it has already peeled off
the road was sanctioned three years ago but work never started
PWD dug up the road and left it, dust everywhere
bridge railing broken, someone will fall one day
no side drain so water collects and the road is sinking
the foot bridge was washed away, no way to cross
debris from road widening dumped into our fields
"""),
hinglish=_lines("""
{p} se gaon tak road me itne gaddhe hai gaadi chalana mushkil
barsaat me pahad se malba gira road {n} din se band hai
puliya toot gayi bacche nadi paar karke school jaate hai
road pe damar dale 6 mahine hue sab ukhad gaya
motor marg sanction hue 3 saal ho gaye kaam shuru nahi hua
pwd wale road khod ke chhod gaye dhool hi dhool
pul ki railing tooti hai koi bhi gir sakta hai
naali nahi hai to road pe pani bharta hai sadak dhas rahi
paidal pul beh gaya dusri taraf jane ka rasta nahi
road chaudikaran ka malba hamare kheton me daal diya
""")),
"urban_development": dict(
hi=_lines("""
वार्ड {n} में हफ्ते भर से कूड़ा गाड़ी नहीं आई, गली में ढेर लगा है
नाला चोक है, गंदा पानी घरों में घुस रहा है
सीवर का ढक्कन खुला पड़ा है, रात में कोई गिर सकता है
मोहल्ले की स्ट्रीट लाइट महीने भर से बंद है, नगर पालिका सुनती नहीं
आवारा कुत्तों का झुंड बच्चों के पीछे दौड़ता है
गलियों में आवारा गाय और सांड घूमते हैं, एक बुजुर्ग को टक्कर मार दी
नगर निगम ने गलत हाउस टैक्स भेज दिया है
सफाई कर्मचारी महीनों से हमारी गली में नहीं आए
बाजार में सार्वजनिक शौचालय बंद पड़ा है, बदबू आती है
मच्छरों से बुरा हाल है, फॉगिंग कभी नहीं होती
"""),
en=_lines("""
garbage van has not come to ward {n} for a week, heaps lying in the lane
the drain is choked and sewage is entering houses
open manhole on the main street of {p}, someone will fall at night
street lights in our colony have been off for a month, municipality not bothered
a pack of stray dogs chases children every evening
stray cattle roam the market, a bull hit an old man
nagar nigam has sent a wrong property tax demand
sweepers have not cleaned our lane for months
the public toilet in the market is locked and stinking
mosquito menace, no fogging done this year
"""),
hinglish=_lines("""
ward {n} me hafte bhar se kooda gaadi nahi aayi gali me dher laga hai
naala chok hai ganda pani gharon me ghus raha
sewer ka dhakkan khula pada hai raat me koi gir jayega
mohalle ki street light mahine se band hai nagar palika sunti nahi
awara kutte bacchon ke peeche daudte hai
galiyon me awara saand ghoomte hai ek buzurg ko maar diya
nagar nigam ne galat house tax bhej diya
safai karmchari mahino se gali me nahi aaye
bazaar ka public toilet band pada hai badboo aati hai
macchar bahut hai fogging kabhi nahi hoti
""")),
"home_police": dict(
hi=_lines("""
मेरी मोटरसाइकिल घर के बाहर से चोरी हो गई, थाने वाले रिपोर्ट नहीं लिख रहे
बगल वाला हर शाम नशे में झगड़ा करता है, जान से मारने की धमकी देता है
किसी ने फोन करके ओटीपी पूछा और खाते से {n} हजार निकल गए
गाँव में खुलेआम कच्ची शराब बिक रही है
रात को डीजे इतनी तेज बजता है कि सो नहीं पाते
बाजार में जाम लगा रहता है, गाड़ियाँ सड़क पर खड़ी रहती हैं
लड़कियों को स्कूल जाते समय कुछ लड़के परेशान करते हैं
मेरे भाई को मारा पीटा गया, एफआईआर दर्ज नहीं की गई
घर का ताला तोड़कर गहने चुरा लिए, पुलिस आई ही नहीं
फेसबुक पर मेरी फोटो गलत तरीके से डाल दी गई है
"""),
en=_lines("""
my motorcycle was stolen from outside my house and the thana is not writing the FIR
neighbour drinks daily and abuses and threatens my family
someone called asking for OTP and Rs {n},000 vanished from my account
illicit liquor is being sold openly in the village
loud DJ till 2 am every night, impossible to sleep
permanent traffic jam in the market due to wrongly parked vehicles
some boys harass girls on their way to school
my brother was beaten up and the police refused to register a case
burglary at my house, jewellery gone, police never came
someone posted my morphed photo on social media
"""),
hinglish=_lines("""
meri bike ghar ke bahar se chori ho gayi thane wale report nahi likh rahe
padosi roz daru peeke gaali deta hai dhamki deta hai
kisi ne call karke otp pucha aur account se {n} hazar nikal gaye
gaon me khulleaam kacchi sharab bik rahi hai
raat ko dj itna tez bajta hai so nahi pate
bazaar me jam laga rehta gaadiyan road pe khadi rehti
ladkiyon ko school jaate time kuch ladke pareshan karte hai
mere bhai ko maara peeta fir darj nahi ki
ghar ka tala tod ke gehne chura liye police aayi hi nahi
facebook pe meri photo galat tarike se daal di
""")),
"health": dict(
hi=_lines("""
सरकारी अस्पताल में डॉक्टर साहब हफ्ते में एक दिन आते हैं
एक सौ आठ को फोन किया, दो घंटे तक एंबुलेंस नहीं आई
अस्पताल में दवाई नहीं है, बाहर से खरीदने को कहते हैं
आयुष्मान कार्ड होते हुए भी अस्पताल ने पैसे लिए
प्राथमिक स्वास्थ्य केंद्र पर ताला लटका रहता है
डिलीवरी के लिए आई महिला को रेफर कर दिया, रास्ते में बच्चा हुआ
एक्स-रे मशीन महीनों से खराब है
नर्स मरीजों से बदतमीजी करती है और पैसे मांगती है
{p} के अस्पताल में खून जांच की सुविधा नहीं है
गोल्डन कार्ड से इलाज करने से मना कर दिया
"""),
en=_lines("""
the doctor at the government hospital comes only once a week
called 108, the ambulance did not come for two hours
no medicines at the hospital, they tell us to buy from outside
hospital charged money even though we have an Ayushman card
the PHC in {p} stays locked most days
a pregnant woman was referred and delivered on the way
the x-ray machine has been out of order for months
the nurse is rude to patients and asks for money
no blood test facility at the {p} CHC
they refused treatment on the golden card
"""),
hinglish=_lines("""
sarkari aspatal me doctor sahab hafte me ek din aate hai
108 ko phone kiya 2 ghante tak ambulance nahi aayi
aspatal me dawai nahi hai bahar se kharidne ko bolte hai
ayushman card hote hue bhi paise le liye
phc pe tala laga rehta hai
delivery ke liye aayi mahila ko refer kar diya raaste me baccha hua
x ray machine mahino se kharab hai
nurse mareezon se badtameezi karti hai paise maangti
{p} ke hospital me khoon jaanch nahi hoti
golden card se ilaaj karne se mana kar diya
""")),
"school_education": dict(
hi=_lines("""
प्राथमिक विद्यालय के गुरुजी महीने में दो चार दिन ही आते हैं
मिड डे मील में बच्चों को पतली दाल और कच्चे चावल दिए जाते हैं
स्कूल की छत टपकती है, बरसात में बच्चे बाहर बैठते हैं
टीसी देने के लिए प्रधानाचार्य पैसे मांग रहे हैं
इंटर कॉलेज में गणित और विज्ञान के शिक्षक ही नहीं हैं
बच्चों की किताबें और ड्रेस अब तक नहीं मिली
स्कूल में शौचालय नहीं है, लड़कियाँ परेशान हैं
मास्टर जी स्कूल में मोबाइल चलाते रहते हैं, पढ़ाते नहीं
स्कूल को बंद करके दूसरे गाँव में मिला दिया, बच्चे {n} किलोमीटर पैदल जाते हैं
छात्रवृत्ति नहीं, मार्कशीट में नाम गलत छपा है, ठीक नहीं कर रहे
"""),
en=_lines("""
the primary school teacher comes only two or three days a month
mid day meal is watery dal and half cooked rice
the school roof leaks and children sit outside in the rain
the principal is asking money to issue the transfer certificate
no maths or science teacher in the inter college
children have not received textbooks and uniforms yet
no toilet in the school, girls suffer
the teacher keeps using his mobile in class and does not teach
our school was merged with another village, kids walk {n} km
my name is misspelt in the marksheet and the school won't correct it
"""),
hinglish=_lines("""
primary school ke guruji mahine me 2 4 din hi aate hai
mid day meal me patli daal aur kacche chawal dete hai
school ki chhat tapakti hai baarish me bacche bahar baithte
transfer certificate ke badle principal sahab rishwat maang rahe
inter college me maths science ke teacher hi nahi hai
baccho ko kitabe aur dress ab tak nahi mili
school me toilet nahi hai ladkiyan pareshan
master ji class me mobile chalate rehte padhate nahi
school band karke dusre gaon me mila diya bacche {n} km paidal jaate
marksheet me naam galat hai school wale sahi nahi kar rahe
""")),
"revenue": dict(
hi=_lines("""
पिता जी की मृत्यु के बाद जमीन का दाखिल खारिज {n} महीने से लटका है
पड़ोसी ने हमारी जमीन पर कब्जा करके दीवार खड़ी कर दी
पटवारी जी खतौनी की नकल देने के पैसे मांगते हैं
आय प्रमाण पत्र के लिए आवेदन किया था, तहसील से अब तक नहीं बना
जाति प्रमाण पत्र बनवाने के लिए बार बार चक्कर कटवा रहे हैं
हमारी जमीन की पैमाइश नहीं हो रही, लेखपाल टाल रहे हैं
खसरे में मेरा नाम गलत चढ़ा दिया है
स्थायी निवास प्रमाण पत्र तहसील में अटका है
सरकारी जमीन पर दबंग ने कब्जा कर लिया है
आपदा में मकान टूटा था, मुआवजा अब तक नहीं मिला
"""),
en=_lines("""
the mutation of my late father's land has been pending for {n} months
the neighbour has encroached on our land and built a wall
the patwari asks for money to give a copy of the khatauni
applied for an income certificate, the tehsil has not issued it yet
they keep making me run around for my caste certificate
the measurement of our land is not being done, the lekhpal keeps delaying
my name is entered wrongly in the land records
my domicile certificate is stuck at the tehsil
a strongman has grabbed government land near {p}
our house was damaged in the disaster, no relief money received
"""),
hinglish=_lines("""
papa ke jaane ke baad zameen ka dakhil kharij {n} mahine se latka hai
padosi ne hamari zameen pe kabza karke deewar bana di
patwari ji khatauni ki nakal ke paise maangte hai
aay praman patra ka apply kiya tha tehsil se nahi bana
jaati praman patra ke liye baar baar chakkar katwa rahe
zameen ki paimaish nahi ho rahi lekhpal taal rahe
khasre me mera naam galat chadha diya
sthayi niwas praman patra tehsil me atka hai
dabang ne sarkari zameen pe kabza kar liya
aapda me makaan toota tha muavza ab tak nahi mila
""")),
"food_supply": dict(
hi=_lines("""
राशन डीलर पूरा अनाज नहीं देता, हर बार दो किलो कम तौलता है
राशन कार्ड में नई बहू का नाम जुड़वाना है, {n} महीने से आवेदन पड़ा है
कोटे की दुकान महीने में बस एक दिन खुलती है
अंगूठा मशीन में नहीं लगता तो राशन देने से मना कर देते हैं
गैस सिलेंडर बुक किए {n} दिन हो गए, डिलीवरी नहीं हुई
गैस एजेंसी वाला सिलेंडर के सौ रुपये ज्यादा लेता है
पीले कार्ड पर मिलने वाली चीनी और नमक इस बार भी नहीं बंटा
यूनिट से मेरी माँ का नाम हटा दिया गया, किसी ने कारण नहीं बताया
डीलर सड़ा हुआ चावल बांट रहा है
नया राशन कार्ड बनवाने के लिए पूर्ति निरीक्षक पैसे मांग रहा है
"""),
en=_lines("""
the ration dealer gives less grain every month, always two kilos short
applied to add my daughter-in-law to the ration card {n} months ago
the fair price shop opens only one day a month
they refuse ration when the thumb does not register on the machine
booked an LPG cylinder {n} days ago, no delivery yet
the gas agency charges a hundred rupees extra per cylinder
we have an Antyodaya card but got no sugar or oil
my name was removed from the ration card without notice
the dealer is distributing rotten rice
the supply inspector wants a bribe for a new ration card
"""),
hinglish=_lines("""
ration dealer pura anaaj nahi deta har baar 2 kilo kam tolta hai
ration card me nayi bahu ka naam judwana hai {n} mahine se apply pada hai
kote ki dukaan mahine me ek din khulti hai
angootha machine me nahi lagta to ration dene se mana
gas cylinder book kiye {n} din ho gaye delivery nahi hui
gas agency wala 100 rupay zyada leta hai
antyodaya card hote hue bhi cheeni tel nahi mila
ration card se mera naam bina bataye kaat diya
dealer sada hua chawal baant raha hai
naya ration card banwane ke liye supply inspector paise maang raha
""")),
"social_welfare": dict(
hi=_lines("""
बुजुर्ग माता जी की पेंशन की रकम {n} किस्तों से बैंक में जमा नहीं हुई
पति की मृत्यु के बाद विधवा पेंशन का फॉर्म भरा था, अब तक स्वीकृत नहीं हुई
मेरा बेटा दिव्यांग है, उसकी पेंशन बंद कर दी गई
छात्रवृत्ति का पैसा दो साल से नहीं मिला, समाज कल्याण दफ्तर जवाब नहीं देता
बुढ़ापे में हर महीने ब्लॉक के चक्कर लगाता हूँ, पेंशन वाले बाबू कहते हैं बजट नहीं आया
जीवित प्रमाण पत्र देने के बाद भी पेंशन रोक दी
दिव्यांग प्रमाण पत्र होते हुए भी व्हीलचेयर नहीं मिली
अनुसूचित जाति के बच्चों की फीस प्रतिपूर्ति नहीं हुई
बूढ़ी अम्मा के खाते में तीन किस्तें नहीं आईं
पेंशन का आवेदन ऑनलाइन किया था, स्टेटस में लंबित दिखा रहा है
"""),
en=_lines("""
my old age pension has not come to my account for {n} months
applied for widow pension after my husband died, still not sanctioned
my son is disabled and his pension has been stopped
scholarship money not received for two years, the social welfare office does not reply
I am 78 and keep visiting the block, the clerk says the budget has not come
they stopped the pension even after I gave the life certificate
no wheelchair given despite a disability certificate
post matric scholarship fee reimbursement not paid
grandmother has missed three pension instalments
applied online for pension, status shows pending for months
"""),
hinglish=_lines("""
meri budhapa pension {n} mahine se khate me nahi aayi
pati ke guzarne ke baad vidhwa pension ka form bhara tha ab tak nahi lagi
beta divyang hai uski pension band kar di
scholarship ka paisa 2 saal se nahi mila samaj kalyan wale jawab nahi dete
budhape me har mahine block ke chakkar lagata hu babu bolte budget nahi aaya
jeevan praman dene ke baad bhi pension rok di
divyang certificate hote hue bhi wheelchair nahi mili
sc baccho ki fees wapsi nahi hui
amma ke khate me 3 kisht nahi aayi
pension ka online apply kiya tha status me pending dikhata hai
""")),
"rural_development": dict(
hi=_lines("""
नरेगा में गड्ढे खोदे थे, {n} महीने बीत गए भुगतान नहीं हुआ
जॉब कार्ड बनवाने के लिए आवेदन दिया था, बीडीओ ऑफिस में अटका है
प्रधानमंत्री आवास की दूसरी किस्त नहीं आई, मकान आधा बना पड़ा है
आवास योजना की सूची में नाम था पर बाद में काट दिया
मनरेगा में फर्जी हाजिरी लगाकर पैसे निकाले जा रहे हैं
सौ दिन का काम मांगा था, सिर्फ बारह दिन काम मिला
हमारे महिला समूह की चक्रीय निधि की राशि अटकी पड़ी है
आवास के लिए जियो टैगिंग के नाम पर पैसे मांगे जा रहे हैं
मनरेगा का मेट अपने रिश्तेदारों को ही काम देता है
ग्राम्य विकास अधिकारी फोन नहीं उठाते
"""),
en=_lines("""
worked under MGNREGA but wages not paid for {n} months
applied for a job card, it is stuck at the BDO office
second instalment of PM Awas not released, house half built
my name was in the Awas list but later removed
fake attendance in NREGA muster rolls, money being siphoned
asked for 100 days of work, got only twelve
our self help group did not get the revolving fund
they are asking money for geo tagging of the Awas house
the NREGA mate gives work only to his relatives
the village development officer never picks up the phone
"""),
hinglish=_lines("""
manrega me kaam kiya {n} mahine se mazdoori nahi mili
job card ka apply kiya tha bdo office me atka hai
pm awas ki dusri kisht nahi aayi makaan aadha bana pada
awas list me naam tha baad me kaat diya
nrega me farzi hazri laga ke paise nikal rahe
100 din ka kaam maanga sirf 12 din mila
swayam sahayata samooh ko fund nahi mila
awas ki geo tagging ke naam pe paise maang rahe
nrega ka mate apne rishtedaron ko hi kaam deta
vdo sahab phone nahi uthate
""")),
"panchayati_raj": dict(
hi=_lines("""
ग्राम प्रधान ने गाँव के विकास का पैसा खा लिया, कोई काम नहीं हुआ
परिवार रजिस्टर में बच्चे का नाम नहीं चढ़ाया जा रहा
ग्राम सभा की खुली बैठक कभी होती ही नहीं
पंचायत भवन सालों से बंद है
ग्राम विकास अधिकारी जन्म प्रमाण पत्र के लिए टालमटोल कर रहे हैं
गाँव के रास्ते का खड़ंजा आधा छोड़ दिया, पैसे पूरे निकाल लिए
प्रधान पति ही सारे काम करता है, प्रधान महिला कभी नहीं आतीं
पंचायत में पुराने काम का हिसाब मांगा तो धमकी दी
मृत्यु प्रमाण पत्र पंचायत सचिव नहीं बना रहे
गाँव की सोलर लाइटें प्रधान ने अपने घर के पास लगवा दीं
"""),
en=_lines("""
the village pradhan has eaten the development funds, no work done
my child's name is not being added to the parivar register
the gram sabha meeting is never held
the panchayat bhawan has been locked for years
the panchayat secretary keeps delaying my birth certificate
the village path was half paved but full money withdrawn
the pradhan's husband runs everything, the elected woman never comes
when we asked for accounts of the panchayat works we were threatened
the panchayat secretary is not issuing the death certificate
the pradhan put the village solar lights outside his own house
"""),
hinglish=_lines("""
gram pradhan ne gaon ke vikas ka paisa kha liya koi kaam nahi hua
parivar register me bacche ka naam nahi chadha rahe
gram sabha ki khuli baithak kabhi hoti hi nahi
panchayat bhawan saalon se band hai
panchayat sachiv janm praman patra ke liye taal rahe
gaon ke raaste ka kharanja aadha chhod diya paise pure nikal liye
pradhan pati hi sab kaam karta hai pradhan kabhi nahi aati
panchayat ke kaam ka hisaab maanga to dhamki di
mrityu praman patra sachiv nahi bana rahe
gaon ki solar light pradhan ne apne ghar ke paas lagwa di
""")),
"forest": dict(
hi=_lines("""
गुलदार ने आंगन से हमारी बकरी उठा ली, गाँव में डर का माहौल है
बंदर और सूअर पूरी फसल बर्बाद कर गए, वन विभाग कुछ नहीं करता
भालू के हमले में मेरे पिता घायल हुए, मुआवजा नहीं मिला
जंगल में आग लगी है, धुआँ गाँव तक आ रहा है
रात में लकड़ी माफिया हरे पेड़ काट रहे हैं
हाथियों का झुंड खेतों में घुस आता है
जंगली जानवर से फसल नुकसान का मुआवजा {n} महीने से लंबित है
बाघ दिखने के बाद भी पिंजरा नहीं लगाया
रेंजर साहब घास काटने पर महिलाओं का चालान कर देते हैं
वन पंचायत के पेड़ अवैध रूप से काटे जा रहे हैं
"""),
en=_lines("""
a leopard took our goat from the courtyard, the village is scared
monkeys and wild boar destroyed the entire crop, forest department does nothing
my father was injured in a bear attack, no compensation yet
forest fire near {p}, smoke is reaching the village
timber mafia cutting green trees at night
a herd of elephants enters our fields
compensation for crop damage by wild animals pending for {n} months
no cage placed even after the tiger was sighted
the ranger fines women for cutting grass
trees of the van panchayat are being felled illegally
"""),
hinglish=_lines("""
guldaar aangan se hamari bakri utha le gaya gaon me dar hai
bandar aur suar puri fasal barbaad kar gaye van vibhag kuch nahi karta
bhalu ke hamle me papa ghayal hue muavza nahi mila
jungle me aag lagi hai dhuan gaon tak aa raha
raat me lakdi mafia hare ped kaat rahe
haathi khet me ghus aate hai
jangli jaanwar se fasal nuksaan ka muavza {n} mahine se pending
baagh dikhne ke baad bhi pinjra nahi lagaya
ranger ghaas kaatne pe auraton ka challan kar dete
van panchayat ke ped kaat rahe hai
""")),
"agriculture": dict(
hi=_lines("""
साधन सहकारी केंद्र पर यूरिया के कट्टे खत्म हैं, गेहूं बोने का मौसम जा रहा है
किसान सम्मान निधि की किस्त {n} बार से नहीं आई
फसल बीमा का क्लेम ओलावृष्टि के बाद भी नहीं मिला
विभाग से मिला बीज खराब निकला, अंकुर ही नहीं फूटा
उद्यान विभाग ने सेब के पौधे दिए, सब सूख गए
कृषि यंत्र पर सब्सिडी का पैसा नहीं आया
मिट्टी जांच का कार्ड कभी नहीं बना
मौन पालन के बक्से का अनुदान लंबित है
खाद की दुकान वाला सरकारी रेट से ज्यादा पैसे लेता है
पॉलीहाउस योजना में आवेदन किया, कृषि अधिकारी जवाब नहीं देते
"""),
en=_lines("""
no urea at the cooperative society, sowing time is passing
PM Kisan instalment has not come for {n} instalments
crop insurance claim not paid even after the hailstorm
the seed given by the department was bad, it did not germinate
the apple saplings from the horticulture department all dried up
subsidy on the farm machine never credited
soil health card was never made
the grant for bee keeping boxes is pending
the fertilizer shop charges above the government rate
applied for the polyhouse scheme, the agriculture officer does not reply
"""),
hinglish=_lines("""
sahkari samiti me urea khaad nahi hai buwai ka time nikal raha
pm kisan ka paisa {n} kisht se khate me nahi aaya
fasal bima ka claim ole padne ke baad bhi nahi mila
vibhag se mila beej kharab nikla ugaa hi nahi
horticulture wale jo seb ki paudh de gaye thi wo saari mar gayi
krishi yantra ki subsidy nahi aayi
mitti jaanch card kabhi nahi bana
maun palan ke bakse ka anudan pending hai
khaad wala sarkari rate se zyada leta hai
polyhouse ka apply kiya krishi adhikari jawab nahi dete
""")),
"transport": dict(
hi=_lines("""
रोडवेज की बस {p} के लिए समय पर नहीं चलती, आधे रास्ते में छोड़ देती है
कंडक्टर ने टिकट से ज्यादा किराया लिया और टिकट भी नहीं दिया
ड्राइविंग लाइसेंस के लिए टेस्ट दिए {n} महीने हो गए, लाइसेंस नहीं आया
गाड़ी का रजिस्ट्रेशन ट्रांसफर आरटीओ में अटका है
टैक्सी वाले मनमाना किराया वसूल रहे हैं
ओवरलोड जीपें पहाड़ी रास्तों पर चल रही हैं, हादसा हो सकता है
बस का ड्राइवर फोन पर बात करते हुए गाड़ी चलाता है
हमारे गाँव के लिए चलने वाली बस बंद कर दी गई
आरटीओ दफ्तर में दलाल बिना पैसे के काम नहीं होने देते
बस में महिलाओं की सीट पर कंडक्टर बैठने नहीं देता
"""),
en=_lines("""
the Roadways bus to {p} never runs on time and drops passengers midway
the conductor charged more than the fare and gave no ticket
gave the driving test {n} months ago, licence not received
registration transfer of my vehicle is stuck at the RTO
taxi drivers charge whatever they want
overloaded jeeps are running on hill roads
the bus driver talks on the phone while driving
the only bus to our village has been stopped
agents at the RTO office won't let anything move without money
the AC volvo was cancelled without refund
"""),
hinglish=_lines("""
roadways ki bus {p} ke liye time pe nahi chalti aadhe raste me utaar deti
conductor ne 50 rupay upar liye aur parchi bhi nahi kaati
driving licence ka test diye {n} mahine ho gaye licence nahi aaya
gaadi ka registration transfer rto me atka hai
taxi wale manmana kiraya le rahe
overload jeep pahadi raste pe chal rahi
bus driver phone pe baat karte hue chalata hai
hamare gaon ki bus band kar di
rto office me dalal bina paise kaam nahi hone dete
bus cancel ho gayi paise wapas nahi mile
""")),
"irrigation": dict(
hi=_lines("""
गाँव की सिंचाई गूल टूटी है, खेतों तक पानी नहीं पहुंच रहा
नहर में सालों से सफाई नहीं हुई, सिल्ट भरी है
नदी किनारे बाढ़ सुरक्षा दीवार बह गई, खेत कट रहे हैं
चेक डैम आधा बनाकर छोड़ दिया
सिंचाई विभाग की हौज टूटी पड़ी है
नहर का पानी ऊपर वाले गाँव वाले रोक लेते हैं, विभाग कुछ नहीं करता
लिफ्ट सिंचाई योजना की मोटर {n} महीने से खराब है
बरसात में नहर का पानी घरों में घुस गया
नलकूप खराब है, धान की रोपाई रुकी है
गूल निर्माण का काम ठेकेदार ने घटिया किया
"""),
en=_lines("""
the irrigation channel of our village is broken, water does not reach the fields
the canal has not been desilted for years
the flood protection wall on the river bank washed away, fields are eroding
the check dam was left half built
the irrigation tank is broken
the upper village blocks the canal water, department does nothing
the lift irrigation pump has been out of order for {n} months
canal water entered houses during the rains
the tubewell is out of order, paddy transplanting stopped
the contractor built the guhl with poor material
"""),
hinglish=_lines("""
gaon ki sinchai gool tooti hai kheton tak pani nahi pahunchta
nahar me saalon se safai nahi hui silt bhari hai
nadi kinare baadh suraksha deewar beh gayi khet kat rahe
check dam aadha bana ke chhod diya
sinchai vibhag ki hauz tooti padi hai
nahar ka pani upar wale gaon wale rok lete vibhag kuch nahi karta
lift sinchai ki motor {n} mahine se kharab hai
baarish me nahar ka pani gharon me ghus gaya
nalkoop kharab hai dhaan ki ropai ruki hai
gool ka kaam thekedar ne ghatiya kiya
""")),
"women_child": dict(
hi=_lines("""
आंगनबाड़ी केंद्र महीने में दो दिन ही खुलता है
बच्चों को मिलने वाला पोषाहार आंगनबाड़ी कार्यकत्री घर ले जाती है
गर्भवती महिलाओं को टेक होम राशन नहीं मिल रहा
नंदा गौरा योजना का पैसा बेटी के जन्म के {n} साल बाद भी नहीं आया
गाँव में एक नाबालिग लड़की की शादी कराई जा रही है
आंगनबाड़ी भवन जर्जर है, छत गिरने वाली है
महालक्ष्मी किट नहीं मिली
कुपोषित बच्चे का नाम रजिस्टर में नहीं चढ़ाया
घरेलू हिंसा की शिकायत पर महिला अधिकारी कुछ नहीं कर रहीं
आंगनबाड़ी में बच्चों का वजन कभी नहीं होता
"""),
en=_lines("""
the anganwadi centre opens only two days a month
the anganwadi worker takes the children's nutrition food home
pregnant women are not getting take home ration
Nanda Gaura money not received {n} years after my daughter's birth
a minor girl is being married off in the village
the anganwadi building is dilapidated, roof may fall
did not get the Mahalakshmi kit after delivery
the malnourished child was not registered
the women's protection officer is not acting on my domestic violence case
children are never weighed at the anganwadi
"""),
hinglish=_lines("""
aanganwadi kendra mahine me 2 din hi khulta hai
baccho ka poshahar aanganwadi wali ghar le jaati hai
garbhwati mahilaon ko take home ration nahi mil raha
nanda gaura ka paisa beti ke janm ke {n} saal baad bhi nahi aaya
gaon me naabalig ladki ki shaadi karayi ja rahi
aanganwadi bhawan jarjar hai chhat girne wali
mahalakshmi kit nahi mili
kuposhit bacche ka naam register me nahi chadhaya
gharelu hinsa ki shikayat pe mahila adhikari kuch nahi kar rahi
aanganwadi me baccho ka vajan kabhi nahi hota
""")),
"other": dict(
hi=_lines("""
बैंक का एटीएम हफ्ते भर से खराब है, पैसे नहीं निकल रहे
मोबाइल नेटवर्क गाँव में बिल्कुल नहीं आता, कंपनी सुनती नहीं
कूरियर वाला पार्सल लेकर गायब हो गया
डाकघर में रजिस्ट्री {n} दिन से नहीं पहुंची
बैंक वाले लोन के लिए बार बार बुला रहे हैं पर काम नहीं करते
पासपोर्ट वेरिफिकेशन के बाद भी पासपोर्ट नहीं आया
निजी कंपनी ने नौकरी के नाम पर फीस ली और भाग गई
बीमा कंपनी क्लेम नहीं दे रही
ऑनलाइन मंगाया सामान खराब निकला, रिफंड नहीं दे रहे
बैंक में केवाईसी के नाम पर खाता बंद कर दिया
"""),
en=_lines("""
the bank ATM in {p} has been out of order for a week
no mobile network in the village, the company ignores complaints
the courier company lost my parcel
registered post has not reached for {n} days
the bank keeps calling me for the loan but never processes it
passport not received even after police verification
a private firm took fees for a job and vanished
the insurance company is not settling my claim
ordered online, product was defective, no refund
the bank froze my account in the name of KYC
"""),
hinglish=_lines("""
bank ka atm hafte bhar se kharab hai paise nahi nikal rahe
mobile network gaon me bilkul nahi aata company sunti nahi
courier wala parcel leke gayab ho gaya
dakghar me registry {n} din se nahi pahunchi
bank wale loan ke liye baar baar bulate kaam nahi karte
passport verification ke baad bhi passport nahi aaya
private company ne naukri ke naam pe fees li aur bhaag gayi
bima company claim nahi de rahi
online manga saman kharab nikla refund nahi de rahe
bank ne kyc ke naam pe khata band kar diya
""")),
}

# Openings, addresses, closings, voice fillers and social-media marks, per form.
OPEN = dict(
hi=_lines("""
नमस्ते साहब
सर जी प्रणाम
माननीय मुख्यमंत्री जी
सेवा में निवेदन है कि
साहब जी हमारी बात सुनिए
हेलो हेलो आवाज आ रही है
जी मैं {p} से बोल रहा हूँ
मैं एक गरीब किसान हूँ
श्रीमान जी
जय हिंद सर
राम राम जी
नमस्कार, मेरी एक शिकायत है
"""),
en=_lines("""
Good morning sir
Respected sir/madam
Hello
Dear CM Helpline
Sir, with due respect
Hi team
Sir I am writing from {p}
Namaste sir
To whom it may concern
Hello sir, I have a complaint
Dear sir, this is regarding
"""),
hinglish=_lines("""
namaste sir
sir ji pranam
hello sir
sir ek complaint hai
hlo sir
ji main {p} se bol raha hu
sir please sunna
ram ram ji
good morning sir ji
sir meri baat suniye
"""),
)
CLOSE = dict(
hi=_lines("""
कृपया जल्दी कार्रवाई करें
कोई सुनवाई नहीं हो रही
हम बहुत परेशान हैं
आपसे हाथ जोड़कर विनती है
कई बार शिकायत कर चुके हैं
अधिकारी फोन नहीं उठाते
गरीब आदमी कहाँ जाए
धन्यवाद
जल्दी से जल्दी समाधान करवाइए
अब आप ही कुछ कीजिए
"""),
en=_lines("""
kindly take action at the earliest
nobody is listening to us
please help
complained many times but no response
officials do not pick up the phone
this is very unfair
thank you
please look into this urgently
hope you will act soon
shameful
"""),
hinglish=_lines("""
plz jaldi action lo
koi sunwai nahi ho rahi
bahut pareshan hai hum
kai baar complaint kar chuke
adhikari phone nahi uthate
garib aadmi kaha jaye
thanks
jaldi solve karo plz
ab aap hi kuch karo
kya yahi hai sarkar
"""),
)
FILLER = dict(
hi=["हाँ तो", "मतलब", "वो क्या है कि", "देखिए", "साहब", "अरे", "हाँ जी", "ऐसा है कि", "सुनिए"],
en=["actually", "basically", "you see", "sir", "I mean", "so", "also"],
hinglish=["matlab", "dekho", "haan to", "sir", "yaar", "arre", "wo kya hai ki", "sunno"],
)
DURATION = dict(
hi=["{n} दिन से", "पिछले हफ्ते से", "दो महीने हो गए", "कल से", "साल भर से", "{n} महीने से"],
en=["for {n} days", "since last week", "for two months now", "since yesterday", "for a year", "for {n} months"],
hinglish=["{n} din se", "pichle hafte se", "2 mahine ho gaye", "kal se", "saal bhar se", "{n} mahine se"],
)
HANDLES = ["@ukcmhelpline", "@pushkardhami", "@UttarakhandGovt", "@DMDehradun", "@uttarakhandcops",
           "@UPCL_UK", "@ANI", "@DDNewsUK", "@CMOfficeUK", "@nagarnigamddn", "@PIB_India"]
HASHTAGS = ["#Uttarakhand", "#Dehradun", "#Haldwani", "#help", "#urgent", "#shame", "#CMHelpline",
            "#Rishikesh", "#Kashipur", "#Roorkee", "#citizenvoice", "#fixit", "#wakeup"]
PLACES = dict(
hi=["देहरादून", "हल्द्वानी", "टिहरी", "पौड़ी", "अल्मोड़ा", "चमोली", "उत्तरकाशी", "बागेश्वर", "रुद्रपुर",
    "काशीपुर", "ऋषिकेश", "कोटद्वार", "गोपेश्वर", "नैनीताल", "चंपावत", "रानीखेत", "लोहाघाट", "पुरोला"],
en=["Dehradun", "Haldwani", "Tehri", "Pauri", "Almora", "Chamoli", "Uttarkashi", "Bageshwar", "Rudrapur",
    "Kashipur", "Rishikesh", "Kotdwar", "Gopeshwar", "Nainital", "Champawat", "Ranikhet", "Lohaghat", "Purola",
    "Prem Nagar", "Clement Town", "Raipur", "Jwalapur", "Ballupur", "Patel Nagar"],
)
PLACES["hinglish"] = PLACES["en"]

# City English, the way civic tweets put it (added after the first tweet figures: city police,
# drains and water were read as roads). Written by hand like the rest; no evaluation text seen.
CITY_EN = {
"home_police": _lines("""
cars parked on both sides of the lane every evening, ambulances cannot pass, no traffic police around
bikers doing stunts and racing on the flyover at midnight, somebody will die
signal at the main crossing has no cop, everyone jumps the red light
chain snatching incidents have increased near the market, women are scared to walk
loudspeakers from the marriage hall till 1 am, called the control room, nothing happened
autos and e-rickshaws block the whole junction, traffic police just watch
drunk men create nuisance outside the wine shop every night
wrong side driving on the highway service road is daily, no challan ever
my phone was snatched and the cops at the chowki asked me to come tomorrow
a gang of youths is harassing shopkeepers for money, police is hand in glove
heavy vehicles enter the city in no entry hours, police takes money and lets them in
online fraudster took 40k through a fake customer care number, cyber cell not responding
"""),
"urban_development": _lines("""
the nullah near our society has not been cleaned before the monsoon, it overflows every rain
waterlogging on the colony road after just one hour of rain, sewage mixed water enters homes
garbage has not been lifted from the corner for ten days, stray dogs tearing the bags
open drain next to the school stinks, mosquitoes breeding, dengue cases in the area
the footpath is fully encroached by hawkers and shops, pedestrians walk on the road
illegal construction going on in the next plot without any map approval, municipal staff silent
the streetlight pole in our lane has been dark for weeks, chain snatchings happen in the dark
dead dog lying on the road for two days, nobody from the corporation came to remove it
the community toilet in the basti is broken and overflowing
sewer line choked, dirty water gushing out of the manhole onto the street
the park in our ward has become a dumping ground, no maintenance
tree branches hanging over the wires after the storm, municipal team not coming to trim
"""),
"public_works": _lines("""
the highway stretch near the toll is full of craters, two wheelers skid every day
the flyover expansion joint is broken and loose plates are dangerous
the state highway was dug for repairs months ago and left unfinished
deep potholes on the main road to the district hospital, ambulances get stuck
the bridge approach road caved in after the rains
no divider or crash barrier on the sharp curve of the hill road
road resurfacing done last month has washed out with the first rain
the retaining wall of the road has collapsed, half the road has slid down
"""),
"drinking_water": _lines("""
no water supply in our society for four days, we are buying tankers at 1500 each
the water pressure is so low that it does not reach even the first floor
pipeline leaking on the main road for a week, thousands of litres wasted daily
the tap water is yellow and smells, we suspect sewage mixing in the line
water comes at odd hours for twenty minutes, people stay awake at night to fill
the water department's tanker never comes to our area though it is scheduled
"""),
"transport": _lines("""
the city bus on route 5 skips our stop every morning and the depot does not care
the RTO online slot for the licence test keeps getting cancelled
private buses charging double fare during the festival rush
vikram and tempo drivers overcharge and refuse short distances
"""),
}
VILLAGE_HI = {
"school_education": _lines("""
हमारे गाँव के स्कूल में बच्चों को पढ़ाने वाला ही कोई नहीं है, एक मास्टर पाँच कक्षाएं संभालता है
बच्चों का दाखिला करने के लिए हेडमास्टर पैसे मांगते हैं
स्कूल में बच्चों से झाड़ू पोछा करवाया जाता है
स्कूल की बाउंड्री नहीं है, जानवर अंदर घुस आते हैं
अध्यापक शराब पीकर स्कूल आते हैं, बच्चों को मारते हैं
स्कूल में बिजली पानी कुछ नहीं है, बच्चे घर से बोतल लाते हैं
"""),
"energy": _lines("""
हमारे घर का मीटर जल गया, विभाग वाले नया मीटर लगाने के पैसे मांग रहे हैं
गाँव में खंभे लगा दिए पर आज तक तार नहीं खींचे
खेत की मोटर के लिए कनेक्शन लिया था, लाइट ही नहीं आती
ट्यूबवेल का बिल हजारों में आ गया जबकि बिजली आती ही नहीं
पूरे गाँव की बत्ती गुल है, शिकायत करो तो कहते हैं ऊपर से कटी है
"""),
"health": _lines("""
गाँव के उप केंद्र पर एएनएम महीने में एक बार आती है
अस्पताल वाले बिना पैसे लिए मरीज को हाथ नहीं लगाते
बच्चे को टीका लगवाने गए तो कहा टीका खत्म है
सरकारी डॉक्टर अपनी प्राइवेट क्लिनिक में बुलाते हैं
"""),
"agriculture": _lines("""
हमारे खेत में ओले गिरने से सारी फसल बर्बाद हो गई, कोई सर्वे करने नहीं आया
कृषि विभाग की दवाई डालने से धान की फसल सूख गई
किसान क्रेडिट कार्ड बनवाने में बैंक वाले और विभाग वाले टाल रहे हैं
बीज भंडार पर मटर और गेहूं का बीज मिलता ही नहीं
"""),
"rural_development": _lines("""
हमारा आवास का पैसा आया था पर सचिव ने आधा रख लिया
गाँव में मनरेगा का काम महीनों से बंद है, मजदूर बाहर जा रहे हैं
जॉब कार्ड मेरे नाम से बना है पर दूसरा कोई उस पर पैसा निकाल रहा है
"""),
"social_welfare": _lines("""
विकलांग पेंशन का फॉर्म ब्लॉक में जमा किया, बाबू कहते हैं फाइल खो गई
बूढ़े बाबा की पेंशन किसी और के खाते में जा रही है
हम अनुसूचित जाति के हैं, बेटी की शादी अनुदान का पैसा नहीं मिला
"""),
}
